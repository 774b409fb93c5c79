/**
 * "Response headers": three presets a person ticks and `Name: value` lines they type, added
 * to every response (docs/architecture.md § Desktop app: response headers, SPA and
 * password). Each line gets its own message from the shared rule, next to it; main checks
 * the whole setting again before the engine sees it.
 */
import {
  HEADER_PRESETS,
  HEADER_PRESET_IDS,
  customHeaderProblems,
  type HeaderPresetId,
  type ResponseHeaderSettings,
} from '../../shared/response-header-settings.js';
import { FieldMessage } from './FieldMessage.js';

interface Props {
  value: ResponseHeaderSettings;
  /** The setting's own message from validateServerConfig (e.g. too many headers). */
  error?: string;
  disabled: boolean;
  onChange(value: ResponseHeaderSettings): void;
}

export function ResponseHeadersField({ value, error, disabled, onChange }: Props) {
  const problems = customHeaderProblems(value.presets, value.custom);
  // A line's message explains the setting's error; repeat it only when no line does.
  const fieldError = problems.some((p) => p !== null) ? undefined : error;
  const togglePreset = (id: HeaderPresetId, on: boolean) =>
    onChange({
      ...value,
      presets: HEADER_PRESET_IDS.filter((p) => (p === id ? on : value.presets.includes(p))),
    });
  const setLine = (index: number, line: string) =>
    onChange({ ...value, custom: value.custom.map((old, i) => (i === index ? line : old)) });

  return (
    <fieldset className="field response-headers" disabled={disabled}>
      <legend>Response headers</legend>
      {HEADER_PRESET_IDS.map((id) => (
        <div key={id} className="preset">
          <label className="check">
            <input
              type="checkbox"
              checked={value.presets.includes(id)}
              aria-describedby={`preset-${id}-msg`}
              onChange={(e) => togglePreset(id, e.target.checked)}
            />
            {HEADER_PRESETS[id].label}
          </label>
          <p id={`preset-${id}-msg`} className="field-hint">
            {HEADER_PRESETS[id].explain}
          </p>
        </div>
      ))}
      {value.custom.map((line, index) => (
        <div key={index} className="header-line">
          <div className="input-row">
            <input
              type="text"
              className="mono"
              aria-label={`Header line ${index + 1}`}
              autoComplete="off"
              spellCheck={false}
              placeholder="Name: value"
              value={line}
              aria-invalid={problems[index] ? true : undefined}
              aria-describedby={`header-line-${index}-msg`}
              onChange={(e) => setLine(index, e.target.value)}
            />
            <button
              type="button"
              className="button small"
              aria-label={`Remove header line ${index + 1}`}
              onClick={() =>
                onChange({ ...value, custom: value.custom.filter((_, i) => i !== index) })
              }
            >
              Remove
            </button>
          </div>
          <FieldMessage id={`header-line-${index}-msg`} error={problems[index] ?? undefined} />
        </div>
      ))}
      <button
        type="button"
        className="button small add-header"
        onClick={() => onChange({ ...value, custom: [...value.custom, ''] })}
      >
        Add a header
      </button>
      <FieldMessage
        id="response-headers-msg"
        error={fieldError}
        hint="Sent with every response: files, listings, redirects and errors."
      />
    </fieldset>
  );
}
