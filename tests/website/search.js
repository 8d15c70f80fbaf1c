// Runs the site's own search worker (Material's lunr worker, as shipped in the built site) under
// Node, so the test searches exactly as a reader's browser does, with the page language's stemmer.
// Usage: node search.js <site language dir> <query>...   Prints one JSON line per query.
"use strict";
const fs = require("fs");
const path = require("path");
const vm = require("vm");

const [siteDir, ...queries] = process.argv.slice(2);
const workers = path.join(siteDir, "assets", "javascripts", "workers");
const worker = fs.readdirSync(workers).find((name) => /^search\..*\.min\.js$/.test(name));

let listener = null;
const replies = [];
Object.assign(globalThis, {
  self: globalThis,
  addEventListener: (type, fn) => { if (type === "message") listener = fn; },
  postMessage: (message) => replies.push(message),
  importScripts: (...urls) => urls.forEach((url) =>
    vm.runInThisContext(fs.readFileSync(path.resolve(workers, url), "utf8"))),
});
vm.runInThisContext(fs.readFileSync(path.join(workers, worker), "utf8"));

const index = JSON.parse(fs.readFileSync(path.join(siteDir, "search", "search_index.json"), "utf8"));
const SETUP = 0, QUERY = 2;

(async () => {
  await listener({ data: { type: SETUP, data: { ...index, options: { suggest: false } } } });
  for (const query of queries) {
    await listener({ data: { type: QUERY, data: query } });
    const result = replies[replies.length - 1].data;
    const locations = result.items.flat().map((item) => item.location);
    console.log(JSON.stringify({ query, locations }));
  }
})().catch((error) => { console.error(error); process.exit(1); });
