/** The QuickJS WebAssembly module, loaded once per process (the release build, synchronous variant). */
import variant from '@jitl/quickjs-wasmfile-release-sync';
import { newQuickJSWASMModuleFromVariant, type QuickJSSyncVariant, type QuickJSWASMModule } from 'quickjs-emscripten-core';

let loading: Promise<QuickJSWASMModule> | undefined;

export function quickJsModule(): Promise<QuickJSWASMModule> {
  // The package's types describe its CommonJS build; imported as ESM its default export is the variant itself.
  loading ??= newQuickJSWASMModuleFromVariant(variant as unknown as QuickJSSyncVariant);
  return loading;
}
