/** The renderer's entry: mounts the app on the one bridge to main. */
import { mount } from 'svelte';
import App from './App.svelte';
import { inbox, inboxMode } from './lib/inbox';
import './app.css';

const target = document.getElementById('app');
if (target === null) throw new Error('index.html has no #app element');
mount(App, { target, props: { bridge: inbox, mediaMode: inboxMode } });
