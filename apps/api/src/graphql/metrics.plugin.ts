import type { ApolloServerPlugin } from '@apollo/server';
import { MetricsService } from '../metrics/metrics.service';

/** Records latency and errors of every GraphQL operation. */
export function metricsPlugin(metrics: MetricsService): ApolloServerPlugin {
  return {
    requestDidStart() {
      const started = process.hrtime.bigint();
      return Promise.resolve({
        willSendResponse({ operationName, operation, response }) {
          const label = metrics.operationLabel(operationName);
          const seconds = Number(process.hrtime.bigint() - started) / 1e9;
          metrics.graphqlDuration.observe({ operation: label, type: operation?.operation ?? 'invalid' }, seconds);
          // the formatted errors, so that codes are the ones clients see
          const errors = response.body.kind === 'single' ? response.body.singleResult.errors : undefined;
          for (const error of errors ?? []) {
            metrics.graphqlErrors.inc({
              operation: label,
              code: typeof error.extensions?.code === 'string' ? error.extensions.code : 'INTERNAL_SERVER_ERROR',
            });
          }
          return Promise.resolve();
        },
      });
    },
  };
}
