export * from "./contraforce_incident.js";

// wasm-bindgen declares `ContraForceClient[Symbol.dispose]`, and `Symbol.dispose` is only in TypeScript's `esnext`
// lib: without this, a project with an older `lib` (ES2022 for Node 20, or TypeScript's default) and `skipLibCheck`
// off fails to type-check this package. It is the declaration of TypeScript's own lib, so the two merge.
declare global {
  interface SymbolConstructor {
    readonly dispose: unique symbol;
  }
}
