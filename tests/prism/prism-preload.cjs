// Preloaded into the Prism process by prism.test.mjs (`NODE_OPTIONS=--require …`).
// 1. Prism serves a local file and must never reach the network. Any TCP connection or DNS lookup to something other
//    than loopback is refused and reported on stderr with the marker below, which the test looks for in Prism's output.
// 2. Prism runs in its own process group, which the test kills when it ends; should the test process die without
//    cleaning up (SIGKILL), Prism exits on its own once its parent is gone.
"use strict";
const net = require("node:net");
const dns = require("node:dns");

const MARKER = "[loopback-only] refused";
const LOOPBACK = new Set(["localhost", "127.0.0.1", "::1", "::ffff:127.0.0.1"]);
const isLoopback = (host) => host === undefined || host === null || LOOPBACK.has(String(host).replace(/^\[|\]$/g, "")) ||
  /^127\.\d+\.\d+\.\d+$/.test(String(host));

function report(what) {
  process.stderr.write(`${MARKER} ${what}\n`);
}

const connect = net.Socket.prototype.connect;
net.Socket.prototype.connect = function guardedConnect(...args) {
  const first = args[0];
  const options = Array.isArray(first) ? first[0] : first;
  const host = typeof options === "object" && options !== null ? options.host : typeof args[1] === "string" ? args[1] : undefined;
  const path = typeof options === "object" && options !== null ? options.path : typeof first === "string" ? first : undefined;
  const ipc = typeof path === "string" && path !== ""; // a Unix socket or named pipe is local
  if (!ipc && !isLoopback(host)) {
    report(`TCP connection to ${host}`);
    process.nextTick(() => this.destroy(new Error(`loopback-only: connection to ${host} refused`)));
    return this;
  }
  return connect.apply(this, args);
};

for (const name of ["lookup", "resolve", "resolve4", "resolve6", "resolveAny"]) {
  const original = dns[name];
  dns[name] = function guardedLookup(host, ...rest) {
    if (!isLoopback(host)) {
      report(`DNS ${name} of ${host}`);
      const callback = rest.find((arg) => typeof arg === "function");
      const error = Object.assign(new Error(`loopback-only: DNS ${name} of ${host} refused`), { code: "ENOTFOUND" });
      if (callback) process.nextTick(callback, error);
      return undefined;
    }
    return original.call(this, host, ...rest);
  };
}

const parent = Number(process.env.PRISM_TEST_PARENT_PID);
if (parent > 0) {
  setInterval(() => {
    try {
      process.kill(parent, 0);
      if (process.ppid !== parent) throw new Error("reparented");
    } catch {
      process.exit(0);
    }
  }, 500).unref();
}
