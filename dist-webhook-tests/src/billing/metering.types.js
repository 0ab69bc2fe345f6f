"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
//# sourceMappingURL=metering.types.js.map