import type { FastifyInstance } from 'fastify';
import { eventsConfigFromEnv } from '../config/events.js';
import type { FrontDoor } from '../openapi/dispatch.js';
import type { Platform } from '../server/platform.js';
import { eventsRoutes } from './routes.js';
import { EventService } from './service.js';

export interface EventsPluginOptions {
  platform: Platform;
  frontDoor: FrontDoor;
}

/** Opens the events context for a server: the store under the data dir, its routes, closed on shutdown. */
export async function eventsPlugin(app: FastifyInstance, options: EventsPluginOptions): Promise<void> {
  const { platform } = options;
  const config = eventsConfigFromEnv();
  const service = await EventService.open(platform.dataDir, config, () => platform.clock.now().getTime());
  app.addHook('onClose', async () => {
    await service.close();
  });
  await app.register(eventsRoutes, { service, frontDoor: options.frontDoor, hostId: platform.hostId });
}
