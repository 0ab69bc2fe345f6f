"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.DEFAULT_WINDOW_DAYS = exports.MAX_WINDOW_DAYS = void 0;
exports.isCalendarDate = isCalendarDate;
exports.IsCalendarDate = IsCalendarDate;
exports.addDays = addDays;
exports.daysInWindow = daysInWindow;
const class_validator_1 = require("class-validator");
const MS_PER_DAY = 86_400_000;
/** Usage windows hold at most this many days, both ends included. */
exports.MAX_WINDOW_DAYS = 400;
exports.DEFAULT_WINDOW_DAYS = 30;
/** True for `YYYY-MM-DD` naming a day that exists (no 2026-02-30), years 1970–9999. */
function isCalendarDate(value) {
    const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
    if (!match)
        return false;
    const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
    const date = new Date(Date.UTC(year, month - 1, day));
    return year >= 1970 && date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}
function IsCalendarDate(options) {
    return (target, propertyName) => (0, class_validator_1.registerDecorator)({
        name: 'isCalendarDate',
        target: target.constructor,
        propertyName: propertyName,
        options,
        validator: { validate: (value) => typeof value === 'string' && isCalendarDate(value) },
    });
}
function addDays(day, days) {
    return new Date(Date.parse(`${day}T00:00:00Z`) + days * MS_PER_DAY).toISOString().slice(0, 10);
}
/** Days from `from` to `to`, both included (1 for the same day; 0 or less when `to` is before `from`). */
function daysInWindow(from, to) {
    return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / MS_PER_DAY) + 1;
}
//# sourceMappingURL=calendar-date.js.map