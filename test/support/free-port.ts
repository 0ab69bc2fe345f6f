export { freePort } from '../../src/database/free-port';
