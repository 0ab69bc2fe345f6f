"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.conversionRate = conversionRate;
/**
 * numerator / denominator rounded half-up to 3 decimals, in integer arithmetic so that 0.2145 is never
 * 0.214 through binary floating point; 0 when the denominator is 0.
 */
function conversionRate(numerator, denominator) {
    if (denominator === 0)
        return 0;
    const thousandths = Math.floor((numerator * 2000 + denominator) / (2 * denominator));
    return thousandths / 1000;
}
//# sourceMappingURL=funnel.js.map