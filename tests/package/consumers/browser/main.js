// The browser consumer, bundled by Vite, webpack and esbuild: reads its configuration from the page's server, runs
// the scenario, and leaves the result in the DOM and on `window` for the test to read.
import { runScenario } from "./scenario.js";

const out = document.getElementById("result");

try {
  const config = await (await fetch("/consumer-config.json")).json();
  const result = await runScenario(config);
  out.textContent = JSON.stringify(result, null, 2);
  out.dataset.state = "done";
  window.__consumerResult = result;
} catch (error) {
  out.textContent = `failed: ${error?.name}: ${error?.message}`;
  out.dataset.state = "failed";
  window.__consumerError = `${error?.name}: ${error?.message}`;
}
