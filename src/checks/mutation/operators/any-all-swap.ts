import { calleeName, replaceNode, type MutationOperator } from './types.js';

const SWAP: Readonly<Record<string, string>> = { any: 'all', all: 'any' };

export const anyAllSwap: MutationOperator = {
  name: 'any-all-swap',
  description: 'swap calls any(...) <-> all(...)',
  mutate(node) {
    const name = calleeName(node);
    const fn = node.childForFieldName('function');
    return name !== undefined && fn !== null && Object.hasOwn(SWAP, name) ? [replaceNode(fn, SWAP[name])] : [];
  },
};
