// The Webex SDK under the framework reads its REST base URL (HYDRA_SERVICE_URL) into module-level
// defaults when it is first loaded. To honour WEBEX_API_URL whenever a framework is created (and
// to run several bots against different fake servers in one test process), we set the variable
// and update those defaults before each framework starts.
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

interface WebexDefaults {
  hydra?: string;
  hydraServiceUrl?: string;
}
interface CoreDefaults {
  services?: { discovery?: { hydra?: string } };
  device?: { preDiscoveryServices?: WebexDefaults };
}

export function pointSdkAt(apiUrl: string): void {
  process.env.HYDRA_SERVICE_URL = apiUrl;
  // The SDK logs every retry and probe to the console; our own logs say what matters.
  process.env.WEBEX_LOG_LEVEL ??= 'error';
  const webexDefaults = (require('webex/dist/config.js') as { default: WebexDefaults }).default;
  webexDefaults.hydra = apiUrl;
  webexDefaults.hydraServiceUrl = apiUrl;
  const core = (require('@webex/webex-core/dist/config.js') as { default: CoreDefaults }).default;
  if (core.services?.discovery) core.services.discovery.hydra = apiUrl;
  if (core.device?.preDiscoveryServices) {
    core.device.preDiscoveryServices.hydra = apiUrl;
    core.device.preDiscoveryServices.hydraServiceUrl = apiUrl;
  }
}
