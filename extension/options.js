// The settings page. It exists because a browser asks for a site permission
// only from a user gesture in an extension page: the in-page panel's "Always
// run on this site…" opens this page with ?origin=…, and the button here asks.
const api = globalThis.browser ?? globalThis.chrome;
const t = (name, subs) => api.i18n.getMessage(name, subs) || name;
const $ = (id) => document.getElementById(id);

for (const node of document.querySelectorAll('[data-i18n]')) node.textContent = t(node.dataset.i18n);

const pattern = (origin) => `${origin}/*`;

function requestedOrigin() {
  const raw = new URLSearchParams(location.search).get('origin');
  if (!raw) return null;
  try {
    const url = new URL(raw);
    return /^https?:$/.test(url.protocol) ? url.origin : null;
  } catch {
    return null;
  }
}

async function showSites() {
  const { origins = [] } = await api.permissions.getAll();
  const sites = origins.filter((o) => /^https?:\/\/[^*]+\/\*$/.test(o));
  const list = $('sites');
  list.replaceChildren(
    ...sites.map((o) => {
      const li = document.createElement('li');
      const name = document.createElement('span');
      name.textContent = o.slice(0, -2);
      const remove = document.createElement('button');
      remove.type = 'button';
      remove.textContent = t('optionsRemove');
      remove.addEventListener('click', async () => {
        await api.permissions.remove({ origins: [o] });
        await api.runtime.sendMessage({ type: 'sync-sites' });
        showSites();
      });
      li.append(name, remove);
      return li;
    }),
  );
  $('no-sites').hidden = sites.length > 0;
}

async function showKeys() {
  const commands = await api.commands.getAll();
  const dl = $('keys');
  for (const c of commands) {
    const dt = document.createElement('dt');
    dt.textContent = c.shortcut || '—';
    const dd = document.createElement('dd');
    dd.textContent = c.description || t('commandToggle');
    dl.append(dt, dd);
  }
}

const origin = requestedOrigin();
if (origin) {
  $('ask').hidden = false;
  $('ask-explain').textContent = t('optionsAllowExplain', [origin]);
  $('ask-button').textContent = t('optionsAllow', [origin]);
  $('ask-button').addEventListener('click', async () => {
    // permissions.request must be the first await after the click.
    const granted = await api.permissions.request({ origins: [pattern(origin)] });
    if (granted) {
      await api.runtime.sendMessage({ type: 'sync-sites' });
      $('ask').hidden = true;
    } else {
      $('ask-result').textContent = t('optionsDenied', [origin]);
    }
    showSites();
  });
}
showSites();
showKeys();
