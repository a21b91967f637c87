// The extension in Firefox ESR (geckodriver, temporary add-on, headless).
import { defineSuite } from './cases.mjs';
import { launchFirefox, firefoxPath, geckodriverPath } from './lib/firefox.mjs';

const missing = [
  firefoxPath() ? null : 'no Firefox at /usr/bin/firefox-esr (or $FIREFOX); install it with: apt-get install firefox-esr',
  geckodriverPath() ? null : 'no geckodriver in ~/.cargo/bin, /usr/local/bin or /usr/bin (or $GECKODRIVER); install it with: cargo install geckodriver --locked',
].filter(Boolean);
defineSuite('firefox', missing.length ? null : launchFirefox, missing.join('; '));
