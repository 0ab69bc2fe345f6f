import { ALL_EVENT_TYPES, WEBHOOK_EVENT_TYPES } from './webhook-event-types';

/** The event catalogue as a Markdown table, from the registry (Swagger's description of the create route). */
export function eventCatalogueMarkdown(): string {
  const rows = ALL_EVENT_TYPES.map(
    (type) => `| \`${type}\` | ${WEBHOOK_EVENT_TYPES[type].description}${WEBHOOK_EVENT_TYPES[type].subscribable ? '' : ' (not subscribable)'} |`,
  );
  return ['| event | sent when |', '|---|---|', ...rows].join('\n');
}
