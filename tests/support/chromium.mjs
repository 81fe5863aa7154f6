// How every browser test here starts Chromium: Debian's build (never a downloaded one), and no background
// networking, since this machine reaches nothing but loopback and the package registries.
export const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

/** Flags that keep Chromium off the network and quiet; add the headless mode you need. */
export const OFFLINE_ARGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

/** Headless Chromium for pages and workers. */
export const CHROMIUM_ARGS = ["--headless", ...OFFLINE_ARGS];
