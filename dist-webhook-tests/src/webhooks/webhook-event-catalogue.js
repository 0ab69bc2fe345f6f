"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.eventCatalogueMarkdown = eventCatalogueMarkdown;
const webhook_event_types_1 = require("./webhook-event-types");
/** The event catalogue as a Markdown table, from the registry (Swagger's description of the create route). */
function eventCatalogueMarkdown() {
    const rows = webhook_event_types_1.ALL_EVENT_TYPES.map((type) => `| \`${type}\` | ${webhook_event_types_1.WEBHOOK_EVENT_TYPES[type].description}${webhook_event_types_1.WEBHOOK_EVENT_TYPES[type].subscribable ? '' : ' (not subscribable)'} |`);
    return ['| event | sent when |', '|---|---|', ...rows].join('\n');
}
//# sourceMappingURL=webhook-event-catalogue.js.map