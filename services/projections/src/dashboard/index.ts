export { startDashboard, type RunningDashboard } from './startDashboard';
