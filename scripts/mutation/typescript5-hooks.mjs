// Module resolution hook (see typescript5.mjs): `typescript` imported from a Stryker package
// resolves to the `typescript5` alias.
export async function resolve(specifier, context, nextResolve) {
  const fromStryker = context.parentURL?.includes("/node_modules/@stryker-mutator/") === true;
  return nextResolve(
    specifier === "typescript" && fromStryker ? "typescript5" : specifier,
    context,
  );
}
