"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.CurrentPrincipal = void 0;
const common_1 = require("@nestjs/common");
/** `@CurrentPrincipal() principal: Principal` in a handler of an authenticated route. */
exports.CurrentPrincipal = (0, common_1.createParamDecorator)((_data, context) => {
    const principal = context.switchToHttp().getRequest().principal;
    if (!principal)
        throw new Error('CurrentPrincipal used on a route without @Auth()');
    return principal;
});
//# sourceMappingURL=principal.js.map