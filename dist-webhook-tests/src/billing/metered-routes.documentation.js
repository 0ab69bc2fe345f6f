"use strict";
var __decorate = (this && this.__decorate) || function (decorators, target, key, desc) {
    var c = arguments.length, r = c < 3 ? target : desc === null ? desc = Object.getOwnPropertyDescriptor(target, key) : desc, d;
    if (typeof Reflect === "object" && typeof Reflect.decorate === "function") r = Reflect.decorate(decorators, target, key, desc);
    else for (var i = decorators.length - 1; i >= 0; i--) if (d = decorators[i]) r = (c < 3 ? d(r) : c > 3 ? d(target, key, r) : d(target, key)) || r;
    return c > 3 && r && Object.defineProperty(target, key, r), r;
};
var __metadata = (this && this.__metadata) || function (k, v) {
    if (typeof Reflect === "object" && typeof Reflect.metadata === "function") return Reflect.metadata(k, v);
};
Object.defineProperty(exports, "__esModule", { value: true });
exports.MeteredRoutesDocumentation = void 0;
const constants_1 = require("@nestjs/common/constants");
const common_1 = require("@nestjs/common");
const core_1 = require("@nestjs/core");
const swagger_1 = require("@nestjs/swagger");
const credits_decorator_1 = require("./credits.decorator");
/** Where @nestjs/swagger keeps a handler's responses (its DECORATORS.API_RESPONSE; not exported by the package). */
const API_RESPONSE_METADATA = 'swagger/apiResponse';
/** Marks a handler whose success response is already documented (metadata outlives one app: tests build many). */
const DOCUMENTED = Symbol('billing:success-documented');
/**
 * Adds the metering headers and the cost sentence to the success response of every `@Credits` route, under
 * the status it really answers: its @HttpCode, else 201 for POST and 200 otherwise (Nest's defaults). Runs
 * at module init, before the OpenAPI document is built, when every decorator has been applied.
 */
let MeteredRoutesDocumentation = class MeteredRoutesDocumentation {
    constructor(discovery) {
        this.discovery = discovery;
    }
    onModuleInit() {
        for (const controller of this.discovery.getControllers()) {
            const prototype = controller.metatype?.prototype;
            if (!prototype)
                continue;
            for (const name of Object.getOwnPropertyNames(prototype)) {
                const descriptor = Object.getOwnPropertyDescriptor(prototype, name);
                const handler = descriptor?.value;
                if (typeof handler !== 'function' || Reflect.getMetadata(DOCUMENTED, handler))
                    continue;
                const cost = Reflect.getMetadata(credits_decorator_1.CREDITS_METADATA, handler);
                if (cost === undefined)
                    continue;
                const status = Reflect.getMetadata(constants_1.HTTP_CODE_METADATA, handler) ??
                    (Reflect.getMetadata(constants_1.METHOD_METADATA, handler) === common_1.RequestMethod.POST ? common_1.HttpStatus.CREATED : common_1.HttpStatus.OK);
                // Headers other decorators declared on this response (e.g. @ReadsFromReplica) are kept beside ours.
                const declared = Reflect.getMetadata(API_RESPONSE_METADATA, handler)?.[status]
                    ?.headers;
                const headers = { ...declared, ...credits_decorator_1.RATE_LIMIT_HEADERS };
                const document = (0, swagger_1.ApiResponse)({ status, description: (0, credits_decorator_1.creditCostText)(cost), headers });
                document(prototype, name, descriptor);
                Reflect.defineMetadata(DOCUMENTED, true, handler);
            }
        }
    }
};
exports.MeteredRoutesDocumentation = MeteredRoutesDocumentation;
exports.MeteredRoutesDocumentation = MeteredRoutesDocumentation = __decorate([
    (0, common_1.Injectable)(),
    __metadata("design:paramtypes", [core_1.DiscoveryService])
], MeteredRoutesDocumentation);
//# sourceMappingURL=metered-routes.documentation.js.map