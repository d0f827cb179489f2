import { calleeName, replaceNode, type MutationOperator } from './types.js';

const SWAP: Readonly<Record<string, string>> = { min: 'max', max: 'min' };

export const minMaxSwap: MutationOperator = {
  name: 'min-max-swap',
  description: 'swap calls min(...) <-> max(...)',
  mutate(node) {
    const name = calleeName(node);
    const fn = node.childForFieldName('function');
    return name !== undefined && fn !== null && Object.hasOwn(SWAP, name) ? [replaceNode(fn, SWAP[name])] : [];
  },
};
