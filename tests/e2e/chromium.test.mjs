// The extension in Debian's Chromium (playwright-core, headless).
import { defineSuite } from './cases.mjs';
import { launchChromium, chromiumPath } from './lib/chromium.mjs';

defineSuite('chromium', chromiumPath() ? launchChromium : null, 'no Chromium at /usr/bin/chromium (or $CHROMIUM); install it with: apt-get install chromium');
