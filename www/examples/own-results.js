// A results list drawn by the host page from search() alone. Every piece of
// corpus text goes in as a text node; the matches are <mark> elements cut
// from the snippet at the UTF-16 offsets search() gives.
import { init, search } from '../annals.js';

const form = document.getElementById('search');
const input = document.getElementById('query');
const count = document.getElementById('count');
const list = document.getElementById('hits');

function element(tag, className, ...children) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  node.append(...children); // strings become text nodes
  return node;
}

function markedSnippet({ snippet, marks }) {
  const paragraph = element('p', 'snippet');
  let at = 0;
  for (const [start, end] of marks) {
    paragraph.append(snippet.slice(at, start), element('mark', '', snippet.slice(start, end)));
    at = end;
  }
  paragraph.append(snippet.slice(at));
  return paragraph;
}

// Over a split index search() answers with a promise (the pieces it reads
// are fetched first), so an earlier query may answer after a later one:
// only the latest is drawn.
let latest = 0;
async function show(query) {
  const asked = ++latest;
  const { total, hits } = await search(query, { limit: 20 });
  if (asked !== latest) return;
  count.textContent = `${total} document${total === 1 ? '' : 's'}`;
  list.replaceChildren(...hits.map((hit) => {
    const item = element('li', '', element('h2', '', hit.title), element('p', 'meta', `${hit.date ?? 'undated'} · ${hit.id}`), markedSnippet(hit));
    item.dataset.docId = hit.id;
    return item;
  }));
}

await init();
form.addEventListener('submit', (event) => {
  event.preventDefault();
  show(input.value);
});
input.addEventListener('input', () => show(input.value));
show(input.value);
