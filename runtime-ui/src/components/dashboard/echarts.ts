import { BarChart, LineChart } from 'echarts/charts';
import { AriaComponent, GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';

/**
 * ECharts with only what the dashboard draws (bars, lines, axes, tooltip,
 * legend, the screen-reader description) and the canvas renderer. The
 * full `echarts` entry is several times larger; only the lazily loaded
 * dashboard imports this module, so the inbox never pays for charts.
 */
echarts.use([BarChart, LineChart, GridComponent, TooltipComponent, LegendComponent, AriaComponent, CanvasRenderer]);

export { echarts };
