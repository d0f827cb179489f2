import { replaceNode, type MutationOperator } from './types.js';

const SWAP: Readonly<Record<string, string>> = { max: 'min', min: 'max', floor: 'ceil', ceil: 'floor' };

/** JavaScript: `Math.max` <-> `Math.min`, `Math.floor` <-> `Math.ceil`. */
export const jsMathMinMax: MutationOperator = {
  name: 'js-math-min-max',
  description: 'JavaScript: swap Math.max and Math.min (and Math.floor and Math.ceil)',
  mutate(node) {
    if (node.type !== 'member_expression' || node.childForFieldName('object')?.text !== 'Math') return [];
    const property = node.childForFieldName('property');
    const other = property ? SWAP[property.text] : undefined;
    return property && other ? [replaceNode(property, other)] : [];
  },
};
