// The About page: shows the version; the credits are static text in the page.
const api = globalThis.browser ?? globalThis.chrome;
document.getElementById('version').textContent = `Version ${api.runtime.getManifest().version}`;
