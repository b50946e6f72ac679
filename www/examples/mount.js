// The whole embedding: load the module, then mount an explorer in an element.
import { init, mount } from '../annals.js';

await init();
mount(document.getElementById('explorer'), { query: 'Robertson' });
