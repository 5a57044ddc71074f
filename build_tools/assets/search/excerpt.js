// The excerpt under a search result, from the page's own text only. Shared by the header box
// (search.js) and the search benchmark (benchmarks/search/harness.py loads the built site's copy).
//
// Pagefind's excerpt is the densest window of hits in all the text it indexed, and that includes
// the hidden blocks of extra search words at the end of a record page (build_tools/search/annotate.py:
// "Zoektermen: …", "Verwant: …", "Ook gezocht als: …"). On a short page, or for a word only those
// blocks hold, Pagefind showed them as the excerpt: text the page does not have. annotate.py puts an
// empty element with the id TERMS_ANCHOR right before those blocks; Pagefind lists it among the
// page's anchors with the word position where the blocks start. The excerpt here is Pagefind's
// window (the same densest-window rule) over the words before that position, after the page's
// title (the result shows the title already). A page whose own text holds none of Pagefind's hits
// (found through its extra words, or its title) shows where its words contain a query word
// ("teams" in "wijkteams", "cooperatie" in "energiecoöperatie"), marked, or else the start of its text.

export const TERMS_ANCHOR = "wg-zoektermen";

// Pagefind's word positions count the words of its text split at white space (or at zero-width
// spaces, in a text that has them).
function splitWords(text) {
  const value = String(text || "");
  return zeroWidth(value) ? value.split("\u200B") : value.split(/[\r\n\s]+/g);
}

function zeroWidth(text) {
  return text.includes("\u200B");
}

function wordCount(text) {
  const trimmed = String(text || "").trim();
  return trimmed ? splitWords(trimmed).length : 0;
}

// Where the excerpt of the hits starts: Pagefind's calculate_excerpt_region, unchanged (its
// window starts one word before the densest run of `length` words).
function densestStart(hits, length) {
  const scores = [];
  for (const hit of hits) scores[hit.location] = (scores[hit.location] || 0) + (hit.balanced_score || 0);
  if (scores.length <= length) return 0;
  let sum = 0;
  for (let i = 0; i < length; i++) sum += scores[i] || 0;
  let best = sum;
  let bestAt = [0];
  for (let i = 0; i < scores.length; i++) {
    sum += (scores[i + length] || 0) - (scores[i] || 0);
    if (sum > best) {
      best = sum;
      bestAt = [i];
    } else if (sum === best && bestAt[bestAt.length - 1] === i - 1) {
      bestAt.push(i);
    }
  }
  return bestAt[Math.floor(bestAt.length / 2)];
}

// A word as compared with a query word: lower case, without accents and punctuation.
function plain(word) {
  return word.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase().replace(/[^\p{L}\p{N}]+/gu, "");
}

// Word positions in [begin, end) whose word contains a word of the query (of 3 letters or more).
function containing(words, begin, end, query) {
  const wanted = [...new Set(String(query || "").split(/\s+/).map(plain))].filter((w) => w.length >= 3);
  const out = [];
  if (!wanted.length) return out;
  for (let at = begin; at < end; at++) {
    const word = plain(words[at].replace(/&[a-z]+;|&#\d+;/gi, " "));
    if (wanted.some((w) => word.includes(w))) out.push({ location: at, balanced_score: 1 });
  }
  return out;
}

// The part of the page's indexed words that is its own visible text: [begin, end).
export function ownText(data, words) {
  const anchors = Array.isArray(data.anchors) ? data.anchors : [];
  const marker = anchors.find((a) => a.id === TERMS_ANCHOR);
  const end = marker ? Math.min(Math.max(marker.location, 0), words.length) : words.length;
  const title = anchors.find((a) => a.location === 0 && /^h1$/i.test(a.element || ""));
  const begin = title ? Math.min(wordCount(title.text), end) : 0;
  return begin < end ? { begin, end } : { begin: 0, end };
}

// The excerpt of a result's data (what `result.data()` gives) for `query`: escaped text with
// <mark> around the hits, at most `length` words, all of them words of the page's own text.
export function pageExcerpt(data, length, query = "") {
  const text = String(data.raw_content ?? data.content ?? "");
  const words = splitWords(text);
  const { begin, end } = ownText(data, words);
  if (end <= begin) return "";
  const located = Array.isArray(data.weighted_locations) ? data.weighted_locations : [];
  let hits = located.filter((l) => l.location >= begin && l.location < end);
  if (!hits.length) hits = containing(words, begin, end, query);
  let start = begin;
  if (hits.length) {
    const relative = hits.map((l) => ({ ...l, location: l.location - begin }));
    start = begin + densestStart(relative, length);
  }
  const size = Math.min(length, end - begin);
  start = Math.max(begin, Math.min(start, end - size));
  const marked = new Set(hits.map((l) => l.location));
  const out = [];
  for (let at = start; at < start + size; at++) {
    out.push(marked.has(at) && !words[at].startsWith("<mark>") ? `<mark>${words[at]}</mark>` : words[at]);
  }
  return out.join(zeroWidth(text) ? "" : " ").trim();
}
