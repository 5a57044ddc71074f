// Pagefind's search settings, declared once: the header box (search.js) and the search benchmark
// (benchmarks/search/harness.py, which loads this file from the built site) both use them, so the
// benchmark measures the ranking readers get. The object after the export below is
// JSON (build_tools/search/indexer.py reads it too). Measured with `make bench-search`; see README "### Search".
//
// ranking (Pagefind 1.5, https://pagefind.app/docs/ranking/):
// - pageLength 0: no length normalisation. The guide's pages differ in length by type (a glossary
//   entry is one sentence, a chapter a few screens); by default a short page that names a word
//   once outranks the lesson about it.
// - termSimilarity 5 (default 1): a word of the query's own length counts more than a longer word
//   it starts ("overvecht" in "Overvecht" above "overvechtgezond"); the index's compound parts
//   (build_tools/search/vocabulary.py) already find the parts of compounds.
// - metaWeights: the title as the box shows it ("title") does not rank; its plain words do, six
//   times over for content, list and source pages ("kop") and once for the glossary and the
//   timeline ("bijkop"). Field names: TITLE_FIELD and REFERENCE_TITLE_FIELD in
//   build_tools/search/annotate.py.
// excerptLength: words of page text under each result.
export const PAGEFIND_OPTIONS = {
  "excerptLength": 22,
  "ranking": {
    "pageLength": 0,
    "termSimilarity": 5,
    "metaWeights": { "title": 0, "kop": 6, "bijkop": 1 }
  }
};
