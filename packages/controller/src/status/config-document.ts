/** An application's settings as `loom config <app>` shows them: each option with its source. */
import type { Application } from '@loom/core';
import type { ConfigDocument, ConfigOptionDocument } from '@loom/protocol';

/** The settings of an application. */
export function configDocument(application: Application): ConfigDocument {
  const settings: Record<string, ConfigOptionDocument> = {};
  for (const option of application.charm.config) {
    const value = application.config.get(option.name);
    const base = {
      type: option.type,
      description: option.description,
      ...(option.default === undefined ? {} : { default: option.default }),
    };
    settings[option.name] =
      value !== undefined
        ? { ...base, value, source: 'user' }
        : option.default !== undefined
          ? { ...base, value: option.default, source: 'default' }
          : { ...base, source: 'unset' };
  }
  return { application: application.name, charm: application.charm.name, settings };
}
