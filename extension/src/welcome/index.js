// The first-run page: opened once at install where the browser did not grant Xiaohongshu's host
// permissions (Firefox for Android may install without them). It asks for them, then says how to use
// RedLens with a pointer and with a finger.

import { offerGrant } from '../shared/grant.js';

const api = globalThis.browser ?? globalThis.chrome;
document.documentElement.lang = api.i18n.getUILanguage?.() ?? 'en';
document.getElementById('title').textContent = api.i18n.getMessage('welcomeTitle');
document.getElementById('how').textContent = api.i18n.getMessage('welcomeHow');
offerGrant(document.getElementById('grant')).catch((error) => console.error('RedLens:', error));
