// Inventory bookkeeping (demo corpus for bench-audit; JavaScript, unrelated to the demo tasks).
export function restock(items, threshold) {
  return items.filter((item) => item.count < threshold).map((item) => ({ ...item, reorder: threshold * 2 - item.count }));
}

export function totalValue(items) {
  return items.reduce((sum, item) => sum + item.count * item.price, 0);
}
