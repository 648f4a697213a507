// The transport imports undici's plain Agent from its own file (src/konnect/transport.ts says
// why); test/konnect/undici-agent.test.ts checks it is the class undici exports.
declare module 'undici/lib/dispatcher/agent.js' {
  import type { Agent } from 'undici';
  const AgentClass: typeof Agent;
  export default AgentClass;
}
