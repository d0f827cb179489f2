/** The QuickJS WebAssembly module, loaded once per process (the release build, synchronous variant). */
import variant from '@jitl/quickjs-wasmfile-release-sync';
import { newQuickJSWASMModuleFromVariant, newVariant, type CustomizeVariantOptions, type QuickJSSyncVariant, type QuickJSWASMModule } from 'quickjs-emscripten-core';

interface LinearMemory {
  grow(pages: number): number;
  readonly buffer: ArrayBuffer;
}
/** node's WebAssembly global (the project's TypeScript settings carry no DOM or WebAssembly library types). */
const { WebAssembly: Wasm } = globalThis as unknown as { WebAssembly: { Memory: new (descriptor: { initial: number; maximum: number }) => LinearMemory } };

/** A WebAssembly memory page, in bytes (fixed by the WebAssembly specification). */
const WASM_PAGE_BYTES = 65_536;
/** The build's initial linear memory (emscripten's INITIAL_MEMORY default, which the package's loader uses). */
const WASM_INITIAL_BYTES = 16 * 1024 * 1024;
/**
 * The most linear memory the interpreter's instance may ever have. QuickJS's heap limit does not bound it: ArrayBuffers
 * are not counted against the limit (a job pushing 8 MB buffers grew the instance to the build's own 2 GB maximum),
 * and a heap of small objects filled to a 64 MB limit took 357 MB of it (bench/js-worker-memory.ts). Above that, so
 * that a job within its heap limit ends on the limit as before, and far below the build's 2 GB: a growth past it fails
 * inside the instance, which the program sees as out of memory.
 */
export const WASM_MEMORY_MAX_BYTES = 512 * 1024 * 1024;
/** The largest per-job heap (JsLimits.memoryBytes) a worker accepts: the one whose linear cost was measured under the bound. */
export const MAX_JS_MEMORY_BYTES = 64 * 1024 * 1024;

let loading: Promise<QuickJSWASMModule> | undefined;
/** Set when the instance asked for linear memory past the bound (emscripten's allocator then fails that allocation). */
let growthRefused = false;

/** Whether a growth of the linear memory was refused since the last call (each job asks once at its start and once at its end). */
export function takeGrowthRefused(): boolean {
  const refused = growthRefused;
  growthRefused = false;
  return refused;
}

export function quickJsModule(): Promise<QuickJSWASMModule> {
  if (loading !== undefined) return loading;
  const memory = new Wasm.Memory({ initial: WASM_INITIAL_BYTES / WASM_PAGE_BYTES, maximum: WASM_MEMORY_MAX_BYTES / WASM_PAGE_BYTES });
  const grow = memory.grow.bind(memory);
  // emscripten grows the memory through this method and treats a throw as "no more memory": noted, then passed on.
  memory.grow = (pages: number) => {
    try {
      return grow(pages);
    } catch (error) {
      growthRefused = true;
      throw error;
    }
  };
  // The package's types describe its CommonJS build; imported as ESM its default export is the variant itself.
  loading = newQuickJSWASMModuleFromVariant(newVariant(variant as unknown as QuickJSSyncVariant, { wasmMemory: memory as unknown as NonNullable<CustomizeVariantOptions['wasmMemory']> }));
  return loading;
}
