// Nothing for the widget: Turbopack and webpack both copy its wasm.
export default {};
