// The site's search worker: Material's search, reading only the part of the index a query
// needs (build_hooks/site/search_shards.py writes the parts).
//
// Material's page script sends this worker what it would send its own (SETUP with the
// index, which here holds settings and no documents; then a QUERY per keystroke) and
// shows the RESULTs. For each query this worker reads the word lists for the query's
// word starts (search/terms/), keeps the best-placed pages, reads their documents
// (search/pages/) and has Material's own worker code search them: ranking, Chinese
// segmentation and highlighting are Material's, as before.
//
// Material's worker code runs in this worker (importScripts), not in a worker of its own:
// its message listener is kept aside and called directly, and what it posts comes back
// here. It lives beside Material's worker so that Material finds its language files
// (../lunr/) from here as from there.
"use strict";

const SETUP = 0;
const READY = 1;
const QUERY = 2;
const RESULT = 3;
const HAN = /\p{Script=Han}/u;

// This file is assets/javascripts/workers/search-shards.js?material=<the name of Material's
// worker file after "search."> (overrides/main.html).
const here = new URL(self.location.href);
const root = new URL("../../../", here);

let settings = null; // the index's config, with `shards`
let listed = new Set(); // the word starts that have a file
let options = {};
let handed = null; // which pages Material's search holds now
let latest = 0; // the newest query; older ones are dropped unanswered
let queue = Promise.resolve();
const cache = new Map(); // address → promise of its JSON

// Material's worker code, loaded here with its listener kept aside and its replies caught.
const toPage = self.postMessage.bind(self);
let materialListener = null;
let materialReply = null;
self.addEventListener = ((add) => (type, listener, ...rest) => {
  if (type === "message" && materialListener === null) materialListener = listener;
  else add(type, listener, ...rest);
})(self.addEventListener.bind(self));
self.postMessage = (message) => {
  const reply = materialReply;
  materialReply = null;
  if (reply) reply(message);
};
importScripts(new URL(`search.${here.searchParams.get("material")}`, here).href);

function askMaterial(message) {
  return new Promise((resolve) => {
    materialReply = resolve;
    materialListener({ data: message });
  });
}

// A part of the index; `missing` if the site has no such part (no word starts so).
function read(path, missing) {
  if (!cache.has(path)) {
    cache.set(
      path,
      fetch(new URL(path, root)).then((response) => (response.ok ? response.json() : missing))
    );
  }
  return cache.get(path);
}

function keyOf(start) {
  return Array.from(new TextEncoder().encode(start), (byte) =>
    byte.toString(16).padStart(2, "0")
  ).join("");
}

// The query's words as the index lists them: split by Material's separator (before and
// after lower case), without Material's query syntax (+word, -word, word*, field:word).
function wordsOf(query) {
  const separator = new RegExp(settings.separator);
  const words = new Set();
  for (const part of query.replace(/"/g, " ").split(/\s+/)) {
    const term = part
      .replace(/^[+-]+/, "")
      .replace(/[~^]\d*$/, "")
      .replace(/\*+$/, "")
      .replace(/^\w+:/, "");
    for (const text of [term, term.toLowerCase()]) {
      for (const word of text.split(separator)) {
        if (word) words.add(word.toLowerCase());
      }
    }
  }
  return [...words];
}

// The pages that have `word` (or a word it starts, or for Chinese a word inside it),
// each with its best weight: 2 in a title, heading, name or tag, 1 in text.
async function pagesFor(word) {
  const han = HAN.test(word[0]);
  const starts = han ? [...new Set(word)] : [word.slice(0, 2)];
  const keys = starts.map(keyOf).filter((key) => listed.has(key));
  const lists = await Promise.all(keys.map((key) => read(`search/terms/${key}.json`, {})));
  const found = new Map();
  for (const list of lists) {
    for (const [other, pages] of Object.entries(list)) {
      const matches =
        other.startsWith(word) ||
        (han ? word.includes(other) : other.length >= 4 && word.startsWith(other));
      if (!matches) continue;
      for (const [page, weight] of pages) {
        if ((found.get(page) || 0) < weight) found.set(page, weight);
      }
    }
  }
  return found;
}

async function answer(query) {
  const words = wordsOf(query);
  if (!words.length) return { items: [] };
  const scores = new Map();
  for (const found of await Promise.all(words.map(pagesFor))) {
    for (const [page, weight] of found) scores.set(page, (scores.get(page) || 0) + weight);
  }
  const pages = [...scores]
    .sort((a, b) => b[1] - a[1] || a[0] - b[0])
    .slice(0, settings.shards.limit)
    .map(([page]) => page)
    .sort((a, b) => a - b);
  if (!pages.length) return { items: [] };
  const key = pages.join(",");
  if (key !== handed) {
    const docs = (
      await Promise.all(pages.map((page) => read(`search/pages/${page}.json`, [])))
    ).flat();
    await askMaterial({ type: SETUP, data: { config: settings, docs, options } });
    handed = key;
  }
  return (await askMaterial({ type: QUERY, data: query })).data;
}

addEventListener("message", (event) => {
  const message = event.data;
  if (message.type === SETUP) {
    settings = message.data.config;
    listed = new Set(settings.shards.keys);
    options = message.data.options || {};
    toPage({ type: READY });
  } else if (message.type === QUERY) {
    const number = ++latest;
    queue = queue
      .then(() => (number === latest ? answer(message.data) : null))
      .catch((error) => {
        console.warn(error);
        return { items: [] };
      })
      .then((data) => {
        if (data !== null && number === latest) toPage({ type: RESULT, data });
      });
  }
});
