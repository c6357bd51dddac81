// The client-address helpers moved to lib/http/client-address.ts (auth and comments both use them);
// this re-export stays only for e2e-multi/multi-instance.test.ts, which imports it by this path.
export { clientIp, hashIp, truncateIp } from '../http/client-address';
