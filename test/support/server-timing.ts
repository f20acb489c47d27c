/** The durations of a Server-Timing header's metrics (W3C Server Timing), by name, in milliseconds. */
export function serverTimes(header: string): Record<string, number> {
  const times: Record<string, number> = {};
  for (const metric of header.split(',')) {
    const [name, ...parameters] = metric.trim().split(';');
    const duration = parameters.find((parameter) => parameter.trim().startsWith('dur='));
    if (name && duration) times[name] = Number(duration.trim().slice('dur='.length));
  }
  return times;
}
