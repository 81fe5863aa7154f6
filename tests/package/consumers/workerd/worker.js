// A Cloudflare Worker consuming the package: wrangler picks the `workerd` export, which imports the .wasm as a
// module. The probe shows workerd refuses to compile wasm from bytes, so a working package cannot have done so.
import { runScenario } from "./scenario.js";

export default {
  async fetch(request, env) {
    let compileFromBytes;
    try {
      await WebAssembly.compile(new Uint8Array([0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00]));
      compileFromBytes = "allowed";
    } catch (error) {
      compileFromBytes = `refused: ${error.message}`;
    }
    try {
      const result = await runScenario(JSON.parse(env.CONSUMER_CONFIG));
      return Response.json({ ...result, compileFromBytes });
    } catch (error) {
      return Response.json({ failed: `${error?.name}: ${error?.message}`, compileFromBytes }, { status: 500 });
    }
  },
};
