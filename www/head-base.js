// `import.meta.url` in the head script, a classic script: the address it
// was loaded from, read while it runs (the build injects this module).
export var import_meta_url =
  typeof document !== "undefined" && document.currentScript && document.currentScript.src
    ? document.currentScript.src
    : typeof location !== "undefined" ? location.href : "";
