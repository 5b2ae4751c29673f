// An S3-compatible server on loopback for EgressIT: node s3rver.mjs DIRECTORY BUCKET
// Prints {"event":"listening","port":N} once it serves; runs until killed. Credentials: S3RVER / S3RVER.
import S3rver from 's3rver';

const [ directory, bucket ] = process.argv.slice(2);
const server = new S3rver({ address: '127.0.0.1', port: 0, silent: true, directory, configureBuckets: [ { name: bucket } ] });
const { port } = await server.run();

console.log(JSON.stringify({ event: 'listening', port }));
