// Worker settings from vars and secrets, and the one ContraForceClient per isolate built from them.
import { ContraForceClient } from "contraforce-incident";

/** Thrown for a missing or invalid setting: answered as a 500 naming the variable, never its value. */
export class ConfigError extends Error {
  constructor(variable, detail) {
    super(detail);
    this.name = "ConfigError";
    this.variable = variable;
  }
}

function integer(env, name, fallback, min, max) {
  const raw = env[name];
  if (raw === undefined || raw === "") return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new ConfigError(name, `${name} must be an integer from ${min} to ${max}.`);
  }
  return value;
}

/** Reads and checks the worker's settings. */
export function readConfig(env) {
  const baseUrl = env.CONTRAFORCE_BASE_URL;
  if (!baseUrl) throw new ConfigError("CONTRAFORCE_BASE_URL", "CONTRAFORCE_BASE_URL is not set.");
  let auth;
  if (env.CONTRAFORCE_TOKEN) {
    auth = { token: env.CONTRAFORCE_TOKEN };
  } else if (env.CONTRAFORCE_CLIENT_ID && env.CONTRAFORCE_CLIENT_SECRET) {
    auth = { clientId: env.CONTRAFORCE_CLIENT_ID, clientSecret: env.CONTRAFORCE_CLIENT_SECRET };
  } else {
    throw new ConfigError("CONTRAFORCE_TOKEN",
      "Set the secret CONTRAFORCE_TOKEN, or both CONTRAFORCE_CLIENT_ID and CONTRAFORCE_CLIENT_SECRET.");
  }
  return {
    baseUrl,
    auth,
    defaultWorkspace: env.CONTRAFORCE_WORKSPACE_ID || null,
    timeoutMs: integer(env, "CONTRAFORCE_TIMEOUT_MS", 10_000, 100, 120_000),
    maxRetries: integer(env, "CONTRAFORCE_MAX_RETRIES", 1, 0, 5),
    cacheTtl: integer(env, "CACHE_TTL_SECONDS", 60, 0, 3600),
    maxResponseBytes: integer(env, "CONTRAFORCE_MAX_RESPONSE_BYTES", 16 * 1024 * 1024, 1024, 64 * 1024 * 1024),
    accessToken: env.WORKER_ACCESS_TOKEN || null,
  };
}

/** Every credential the worker knows, as it could appear in text: what `redact` removes. */
export function secretsOf(env) {
  const secrets = [env.CONTRAFORCE_TOKEN, env.CONTRAFORCE_CLIENT_SECRET, env.WORKER_ACCESS_TOKEN];
  if (env.CONTRAFORCE_CLIENT_ID && env.CONTRAFORCE_CLIENT_SECRET) {
    try {
      secrets.push(btoa(`${env.CONTRAFORCE_CLIENT_ID}:${env.CONTRAFORCE_CLIENT_SECRET}`));
    } catch {
      // Not Latin-1: cannot have been sent as Basic in this form either.
    }
  }
  return secrets.filter((s) => typeof s === "string" && s.length >= 4);
}

const VARIABLE_OF_OPTION = {
  baseUrl: "CONTRAFORCE_BASE_URL",
  "auth.token": "CONTRAFORCE_TOKEN",
  "auth.clientId": "CONTRAFORCE_CLIENT_ID",
  "auth.clientSecret": "CONTRAFORCE_CLIENT_SECRET",
  timeoutMs: "CONTRAFORCE_TIMEOUT_MS",
  maxResponseBytes: "CONTRAFORCE_MAX_RESPONSE_BYTES",
};

// One client per isolate, rebuilt only when a setting changes (e.g. a rotated secret). The key holds the
// settings by reference and compares them field by field; it is never serialised or logged.
let cached = null;

function sameSettings(a, b) {
  return a.baseUrl === b.baseUrl && a.timeoutMs === b.timeoutMs && a.maxRetries === b.maxRetries &&
    a.maxResponseBytes === b.maxResponseBytes && a.auth.token === b.auth.token &&
    a.auth.clientId === b.auth.clientId && a.auth.clientSecret === b.auth.clientSecret;
}

/** The client for these settings. A bad base URL throws a ConfigError. */
export function clientFor(config) {
  if (cached && sameSettings(cached.config, config)) return cached.client;
  let client;
  try {
    client = new ContraForceClient({
      baseUrl: config.baseUrl,
      auth: config.auth,
      timeoutMs: config.timeoutMs,
      retry: config.maxRetries === 0 ? false : { maxRetries: config.maxRetries, baseDelayMs: 200, maxDelayMs: 2_000 },
      maxResponseBytes: config.maxResponseBytes,
    });
  } catch (error) {
    // The package names the option it refused (`field`); the message never holds a credential.
    const variable = VARIABLE_OF_OPTION[error?.field] ?? "CONTRAFORCE_BASE_URL";
    throw new ConfigError(variable, `The client refused ${variable}: ${error?.message ?? "invalid option"}`);
  }
  // The client it replaces is left to the garbage collector (which frees its wasm memory): a request may still
  // be using it.
  cached = { config, client };
  return client;
}
