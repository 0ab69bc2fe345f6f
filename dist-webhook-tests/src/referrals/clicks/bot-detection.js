"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.isAutomatedAgent = isAutomatedAgent;
/**
 * User agents that are not a person following a link: search and social crawlers, link unfurlers, uptime
 * monitors, headless and automated browsers, and HTTP libraries. Their visits are redirected like anyone's
 * but not counted as clicks. A missing user agent is treated as automated too.
 */
const AUTOMATED_AGENT = /bot\b|bot\/|crawl|spider|slurp|mediapartners|facebookexternalhit|facebot|embedly|quora link preview|whatsapp|telegram|skypeuripreview|slackbot|discordbot|preview|monitor|pingdom|uptime|headless|phantomjs|puppeteer|playwright|selenium|webdriver|lighthouse|python-requests|python-urllib|aiohttp|go-http-client|java\/|okhttp|libwww|wget|scrapy|httpclient|node-fetch|axios|undici/i;
function isAutomatedAgent(userAgent) {
    return !userAgent || userAgent.trim() === '' || AUTOMATED_AGENT.test(userAgent);
}
//# sourceMappingURL=bot-detection.js.map