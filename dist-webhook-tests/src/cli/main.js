"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
require("reflect-metadata");
const api_exception_1 = require("../common/http/api.exception");
const app_context_1 = require("./app-context");
const commands_1 = require("./commands");
/** `npm run cli -- <command>`: operator commands on the same modules and database as the server. */
async function main(argv) {
    if (argv.length === 0 || argv[0] === '--help' || argv[0] === 'help') {
        console.log(commands_1.USAGE);
        return;
    }
    try {
        const result = await (0, app_context_1.withAppContext)((app) => (0, commands_1.runCommand)(app, argv));
        console.log(JSON.stringify(result, null, 2));
    }
    catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        console.error(JSON.stringify({ error: message }));
        if (error instanceof commands_1.UsageError || (error instanceof TypeError && 'code' in error)) {
            console.error(`\n${commands_1.USAGE}`);
            process.exitCode = 2;
        }
        else {
            process.exitCode = error instanceof api_exception_1.ApiException ? 1 : 3;
        }
    }
}
void main(process.argv.slice(2));
//# sourceMappingURL=main.js.map