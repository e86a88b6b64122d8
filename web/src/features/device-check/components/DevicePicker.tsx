import { useId } from 'react';
import type { DeviceOption } from '../media/MediaTester';

interface DevicePickerProps {
  label: string;
  /** Names a device the browser will not name yet, e.g. "Camera 2". */
  unnamed: (n: number) => string;
  devices: DeviceOption[];
  value: string | null;
  onChoose: (deviceId: string) => void;
}

/** A labelled list of cameras, microphones or speakers; hidden when there is nothing to choose. */
export function DevicePicker({ label, unnamed, devices, value, onChoose }: DevicePickerProps) {
  const id = useId();
  if (devices.length < 2) return null;
  return (
    <div className="field dc-picker">
      <label className="field__label" htmlFor={id}>
        {label}
      </label>
      <select id={id} className="input select" value={value ?? ''} onChange={(event) => onChoose(event.target.value)}>
        {value === null ? <option value="" /> : null}
        {devices.map((device, index) => (
          <option key={device.id} value={device.id}>
            {device.label || unnamed(index + 1)}
          </option>
        ))}
      </select>
    </div>
  );
}
