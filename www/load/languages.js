// Which of the shipped languages the payer reads, by the widget's own
// rules (src/lang.rs). Imports nothing, so that the tests load it alone.

// Tags that name a shipped language by another name (src/lang.rs).
var ALIASES = {
  "zh": "zh-CN", "zh-hans": "zh-CN", "zh-sg": "zh-CN", "zh-my": "zh-CN", "zh-hant": "zh-TW", "zh-hk": "zh-TW",
  "zh-mo": "zh-TW", "pt-br": "pt", "tl": "fil", "iw": "he", "in": "id", "ms-my": "ms", "fil-ph": "fil",
};

function wellFormed(tag) {
  return typeof tag === "string" && tag.length <= 35 && /^[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*$/.test(tag);
}

// The shipped language `tag` names: exactly, by an alias, or by dropping
// subtags from the end (`pt-PT` → `pt`).
function nearest(tag, shipped) {
  var t = tag.toLowerCase(), exact = true;
  for (;;) {
    for (var i = 0; i < shipped.length; i++) {
      if (shipped[i].toLowerCase() === t) return { tag: shipped[i], fellBack: !exact };
    }
    if (Object.prototype.hasOwnProperty.call(ALIASES, t)) return { tag: ALIASES[t], fellBack: !exact };
    var cut = t.lastIndexOf("-");
    if (cut < 0) return null;
    t = t.slice(0, cut);
    exact = false;
  }
}

// The language the payer reads, `{ tag, fellBack }`, by the widget's own
// rules (src/lang.rs; a property test holds the two together): `auto`
// takes the first of `preferred` (navigator.languages) that is shipped,
// a tag we do not ship its nearest, then English. Null for a value the
// widget refuses.
export function pickLanguage(requested, preferred, shipped) {
  if (typeof requested !== "string") return null;
  if (requested.toLowerCase() === "auto") {
    for (var i = 0; preferred && i < preferred.length; i++) {
      var found = wellFormed(preferred[i]) && nearest(preferred[i], shipped);
      if (found) return { tag: found.tag, fellBack: false };
    }
    return { tag: "en", fellBack: false };
  }
  if (!wellFormed(requested)) return null;
  return nearest(requested, shipped) || { tag: "en", fellBack: true };
}
