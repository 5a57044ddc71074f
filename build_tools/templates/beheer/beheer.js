// The Wijkengids web editor: what Decap's configuration cannot say by itself.
(function () {
  "use strict";

  // The id of a new record from its title, exactly as `wijkengids new` makes it
  // (build_tools/scaffold.py, slugify): diacritics folded, a-z0-9 and hyphens, at most 64.
  function slugify(title) {
    var folded = String(title).normalize("NFKD").replace(/[^\x00-\x7f]/g, "");
    var slug = folded.toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-+|-+$/g, "");
    if (slug.length > 64) {
      var head = slug.slice(0, 64);
      slug = head.indexOf("-") >= 0 ? head.slice(0, head.lastIndexOf("-")) : head;
    }
    return slug.replace(/^-+|-+$/g, "");
  }
  window.wijkengidsSlugify = slugify;

  // A quote has no title: its id comes from the speaker and the opening words.
  function titleOf(data) {
    if (data.get("title")) return data.get("title");
    if (data.get("name")) return data.get("name");
    var words = String(data.get("text") || "").split(/\s+/).slice(0, 6).join(" ");
    return [data.get("speaker") || "", words].join(" ");
  }

  window.CMS.registerEventListener({
    name: "preSave",
    handler: function (event) {
      var data = event.entry.get("data");
      if (data.get("id")) return data;
      return data.set("id", slugify(titleOf(data)));
    },
  });
})();
