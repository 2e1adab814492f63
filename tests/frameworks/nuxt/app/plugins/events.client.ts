// The shop's record of the widget's events, which the tests read; set
// before any page mounts.
export default defineNuxtPlugin(() => {
  (window as unknown as { __events: unknown[] }).__events = [];
});
