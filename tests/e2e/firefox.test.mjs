// The extension in Firefox ESR (geckodriver, temporary add-on, headless).
import { defineSuite } from './cases.mjs';
import { launchFirefox, firefoxPath, geckodriverPath } from './lib/firefox.mjs';

defineSuite('firefox', firefoxPath() && geckodriverPath() ? launchFirefox : null);
