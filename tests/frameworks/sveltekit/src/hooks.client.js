// The shop's record of the widget's events, which the tests read; set
// before the page hydrates.
export function init() {
	window.__events = [];
}
