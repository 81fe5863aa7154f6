// tsify marks a field optional (`field?:`) whenever serde may *accept* it absent (`#[serde(default)]`), which is
// about input. Our output always has every field (null when absent, [] for arrays), so in the interfaces of the
// model the `?` would tell TypeScript users something false. This makes them required, for model types only.
export function requireModelFields(dts, modelNames) {
  const names = new Set(modelNames);
  let seen = 0;
  const result = dts.replace(/export interface (\w+) \{\n([\s\S]*?)\n\}/g, (block, name, body) => {
    if (!names.has(name)) return block;
    seen += 1;
    return `export interface ${name} {\n${body.replace(/^(\s+)(\w+)\?: /gm, "$1$2: ")}\n}`;
  });
  if (seen !== names.size) throw new Error(`expected ${names.size} model interfaces in the .d.ts, found ${seen}`);
  return result;
}
